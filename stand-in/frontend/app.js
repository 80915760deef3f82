// Stand-in of the Netra Apex chat frontend. It keeps the real app's DOM hooks (data-testid), token contract
// (localStorage jwt_token + refresh_token), start-up calls and send sequence, and behaves like the real build
// (netra-systems/zen beta-15) where the suite looks: New Chat creates the thread at once and remounts the chat
// on /chat/<thread_id>; the status shows from the send until final_report. Where the real app and this page
// disagree, the real app wins, unless the real app fails its user: this page never copies a Netra bug. It
// shows the sent message on Send (B3), takes a second message after the answer (B1), offers the real app's
// "Stop Processing" control while a run works (B4), and stays on the thread New Chat or the sidebar opened
// (B6, B7).
const env = window.__NETRA_ENV__;
const MAX_CHARS = 10000;
const COUNT_FROM = 8000;
const root = document.getElementById('root');

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === undefined) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
};

const state = {
  token: null,
  threads: [],
  threadId: null,
  socket: null,
  connectionId: `conn_${Date.now()}`,
  running: false,
  sending: false,
  /** Threads that already had a first send (the real app renames a thread on its first send). */
  sentIn: new Set(),
  /** The conversation on screen for the open thread: a remount shows it again. */
  shown: [],
};
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(base, path, options = {}) {
  const headers = { 'content-type': 'application/json', ...(options.headers || {}) };
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  const response = await fetch(`${base}${path}`, { ...options, headers, credentials: 'include' });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  return { status: response.status, ok: response.ok, body };
}
const backend = (path, options) => api(env.NEXT_PUBLIC_API_URL, path, options);

function base64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function renderLogin(message) {
  root.replaceChildren(
    el(
      'main',
      {},
      el('h1', { text: 'Sign in to Netra Apex' }),
      el('p', { role: 'alert', text: message || 'Please sign in.' }),
    ),
  );
}

// ---- layout: the sidebar beside main-chat, as in the real app ------------------------------------------
const ui = {};

function buildLayout() {
  ui.threadList = el('div', { 'data-testid': 'thread-list' });
  ui.newChat = el('button', {
    'data-testid': 'new-chat-button',
    type: 'button',
    text: 'New Chat',
    onclick: () => void startNewChat(),
  });
  const sidebar = el(
    'aside',
    { 'data-testid': 'chat-sidebar', role: 'complementary' },
    ui.newChat,
    el('input', { 'data-testid': 'search-input', type: 'text', placeholder: 'Search conversations...' }),
    ui.threadList,
  );
  ui.chatSlot = el('div', { class: 'chat-slot' });
  root.replaceChildren(el('div', { class: 'layout' }, sidebar, ui.chatSlot));
  renderThreads();
}

/** The chat itself; every (re)mount builds new elements, so text typed before a remount is gone. */
function mountChat() {
  ui.messages = el('div', { role: 'log', 'aria-label': 'Conversation' });
  ui.examples = el(
    'div',
    { 'data-testid': 'example-prompts' },
    el('h2', { text: 'Quick Start Examples' }),
    el('p', { text: 'Welcome to Netra AI' }),
  );
  ui.processing = el('div', {
    'data-testid': 'agent-processing',
    role: 'status',
    text: 'Processing your request...',
  });
  ui.card = el('section', { 'data-testid': 'response-card', role: 'region', 'aria-label': 'response card' });
  ui.alert = el('div', { role: 'alert' });
  ui.textarea = el('textarea', {
    'data-testid': 'message-textarea',
    'aria-label': 'Message input',
    'aria-describedby': 'char-count',
    placeholder: 'Start typing your AI optimization request... (Shift+Enter for new line)',
    oninput: () => updateInput(),
    onkeydown: (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        void send();
      }
    },
  });
  ui.count = el('div', { 'data-testid': 'character-count', id: 'char-count' });
  ui.send = el('button', {
    'data-testid': 'send-button',
    type: 'button',
    'aria-label': 'Send message',
    text: 'Send',
    onclick: () => void send(),
  });
  // The real app's StopButton: a plain button reading "Stop Processing" (no testid), shown while a run works.
  ui.stop = el('button', { type: 'button', text: 'Stop Processing', onclick: () => stop() });
  ui.processing.hidden = true;
  ui.card.hidden = true;
  ui.count.hidden = true;
  const content = el(
    'div',
    { 'data-testid': 'main-content' },
    ui.examples,
    ui.messages,
    ui.card,
    ui.processing,
    ui.alert,
  );
  ui.chatSlot.replaceChildren(
    el(
      'div',
      { 'data-testid': 'main-chat' },
      content,
      el('div', { 'data-testid': 'message-input' }, ui.textarea, ui.count, ui.send, ui.stop),
    ),
  );
  for (const message of state.shown) renderMessage(message.role, message.text);
  updateInput();
}

/** The real app remounts the chat when the route changes: gone for a moment, then new. */
async function remountChat() {
  ui.chatSlot.replaceChildren();
  await wait(env.remountMs);
  mountChat();
}

function renderThreads() {
  ui.threadList.replaceChildren(
    ...(state.threads.length
      ? state.threads.map((thread) =>
          el('button', {
            'data-testid': `thread-item-${thread.id}`,
            type: 'button',
            text: thread.title || 'New Chat',
            onclick: () => void openThread(thread.id),
          }),
        )
      : [el('p', { text: 'No conversations yet' })]),
  );
}

function updateInput() {
  if (!ui.textarea) return;
  const length = ui.textarea.value.length;
  ui.count.hidden = length <= COUNT_FROM;
  ui.count.textContent = `${length}/${MAX_CHARS}`;
  const busy = state.running || state.sending;
  ui.textarea.disabled = busy;
  ui.send.disabled = busy || length === 0 || length > MAX_CHARS;
  ui.send.textContent = state.sending ? 'Sending...' : 'Send';
  ui.stop.hidden = !state.running;
  ui.examples.hidden = ui.messages.childElementCount > 0;
}

/** A message of the open thread: kept, so a remount shows the conversation again, and rendered. */
function addMessage(role, text) {
  state.shown.push({ role, text });
  renderMessage(role, text);
}

function renderMessage(role, text) {
  const title = role === 'user' ? 'You' : 'Netra Agent';
  ui.messages.append(
    el(
      'article',
      { class: `message ${role}`, 'aria-label': title },
      el('strong', { text: title }),
      el('p', { text }),
    ),
  );
  updateInput();
}

function setRunning(running) {
  state.running = running;
  ui.processing.hidden = !running && !state.sending;
  updateInput();
}

// ---- agent events, rendered as the real app does ---------------------------------------------------------
function onServerFrame(frame) {
  const payload = frame.payload || {};
  switch (frame.type) {
    case 'agent_started':
      setRunning(true);
      ui.card.hidden = false;
      ui.card.replaceChildren(el('h3', { text: frame.agent_name }));
      addMessage('assistant', `🚀 Starting ${frame.agent_name}...`);
      break;
    case 'agent_thinking':
      addMessage('assistant', `🤔 ${frame.agent_name}: ${payload.reasoning}`);
      break;
    case 'tool_executing':
      ui.card.append(el('p', { 'data-tool': payload.tool_name, text: payload.tool_name }));
      break;
    case 'tool_completed':
      // The real card drops a tool once it completes.
      ui.card.querySelector(`[data-tool="${CSS.escape(payload.tool_name)}"]`)?.remove();
      break;
    case 'agent_completed':
      ui.card.querySelectorAll('[data-tool]').forEach((line) => line.remove());
      addMessage('assistant', `✅ ${frame.agent_name} completed`);
      break;
    case 'final_report': {
      addMessage('assistant', payload.executive_summary);
      setRunning(false);
      // The real card collapses about 2 s after the answer (its summary has no testid).
      const card = ui.card;
      setTimeout(() => (card.hidden = true), 2000);
      break;
    }
    case 'agent_error':
      addMessage('assistant', `❌ ${payload.error_message}`);
      setRunning(false);
      break;
    case 'agent_stopped':
      ui.card.querySelectorAll('[data-tool]').forEach((line) => line.remove());
      addMessage('assistant', '⏹ Stopped');
      setRunning(false);
      break;
    case 'error':
    case 'error_message':
      ui.alert.textContent = `Error: ${frame.message || frame.error_message}`;
      break;
    default:
      break;
  }
}

// ---- threads and sending -------------------------------------------------------------------------------
async function loadThreads() {
  const result = await backend('/api/threads?limit=20&offset=0');
  state.threads = Array.isArray(result.body) ? result.body : [];
}

function sendFrame(frame) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
}

/** Opens a thread on its route: the chat remounts and shows the thread's history. */
async function openThread(id) {
  state.threadId = id;
  state.shown = [];
  if (location.pathname !== `/chat/${id}`) history.pushState({}, '', `/chat/${id}`);
  sendFrame({ type: 'switch_thread', payload: { thread_id: id } });
  const historyLoaded = backend(`/api/threads/${id}/messages?limit=50&offset=0`);
  await remountChat();
  const result = await historyLoaded;
  for (const message of result.body?.messages || []) addMessage(message.role, message.content);
}

/** New Chat: the thread is created at once, then the chat remounts on its route. */
async function startNewChat() {
  if (state.running || state.sending) return;
  const created = await backend('/api/threads', { method: 'POST', body: JSON.stringify({}) });
  if (!created.ok) {
    ui.alert.textContent = 'Unable to connect to backend API';
    return;
  }
  await loadThreads();
  renderThreads();
  await openThread(created.body.id);
}

/** The first send in a thread reads it and renames it after the message, as the real app does. */
async function renameOnFirstSend(threadId, text) {
  if (state.sentIn.has(threadId)) return;
  state.sentIn.add(threadId);
  const thread = await backend(`/api/threads/${threadId}`);
  if (!thread.ok) return;
  await backend(`/api/threads/${threadId}`, {
    method: 'PUT',
    body: JSON.stringify({ title: text.slice(0, 50), metadata: { auto_renamed: true } }),
  });
}

async function send() {
  const text = ui.textarea.value.trim();
  if (!text || state.running || state.sending) return;
  state.sending = true;
  ui.processing.hidden = false;
  updateInput();
  const fromChat = !state.threadId;
  if (fromChat) {
    const created = await backend('/api/threads', { method: 'POST', body: JSON.stringify({ title: text }) });
    if (!created.ok) {
      ui.alert.textContent = 'Unable to connect to backend API';
      state.sending = false;
      setRunning(false);
      return;
    }
    state.threadId = created.body.id;
  }
  const threadId = state.threadId;
  sendFrame({
    type: 'start_agent',
    payload: { user_request: text, thread_id: threadId, context: { source: 'message_input' }, settings: {} },
  });
  ui.textarea.value = '';
  addMessage('user', text);
  state.sending = false;
  setRunning(true);
  await renameOnFirstSend(threadId, text);
  if (fromChat) {
    // The first send from /chat routes to the new thread; the chat remounts there.
    history.pushState({}, '', `/chat/${threadId}`);
    await loadThreads();
    renderThreads();
    await remountChat();
    setRunning(state.running);
  }
}

/** The user's stop, as the real StopButton sends it: the backend ends the run with agent_stopped. */
function stop() {
  sendFrame({ type: 'stop_agent', payload: {} });
}

// Newer builds refresh the access token every 2 minutes; without a refresh token that fails and signs out.
async function refreshAccessToken() {
  const refreshToken = localStorage.getItem('refresh_token');
  const result = refreshToken
    ? await api(env.NEXT_PUBLIC_AUTH_URL, '/auth/refresh', {
        method: 'POST',
        body: JSON.stringify({ refresh_token: refreshToken }),
      })
    : { ok: false, body: null };
  if (result.ok && result.body?.access_token) {
    state.token = result.body.access_token;
    localStorage.setItem('jwt_token', state.token);
  } else {
    localStorage.removeItem('jwt_token');
  }
}

// ---- socket --------------------------------------------------------------------------------------------
async function socketUrlAndProtocols() {
  const url = new URL(env.NEXT_PUBLIC_WS_URL);
  url.pathname = '/ws';
  if (env.NEXT_PUBLIC_ENABLE_WEBSOCKET_TICKETS) {
    const ticket = await api('', '/api/websocket/ticket', {
      method: 'POST',
      body: JSON.stringify({
        ttl_seconds: 300,
        single_use: true,
        permissions: ['read', 'chat', 'websocket', 'agent:execute'],
      }),
    });
    url.searchParams.set('ticket', ticket.body.ticket_id);
    return { url: url.toString(), protocols: undefined };
  }
  return { url: url.toString(), protocols: ['jwt-auth', `jwt.${base64Url(state.token)}`] };
}

async function connect() {
  const { url, protocols } = await socketUrlAndProtocols();
  const socket = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
  state.socket = socket;
  socket.addEventListener('message', (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame && typeof frame.type === 'string' && ui.textarea) onServerFrame(frame);
  });
  socket.addEventListener('close', (event) => {
    if (state.socket !== socket) return;
    if (event.code === 1008) {
      localStorage.removeItem('jwt_token');
      renderLogin('Your session is not valid. Please sign in again.');
      return;
    }
    if (ui.textarea) setRunning(false);
    setTimeout(() => void connect(), 1000);
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('close', reject, { once: true });
  });
}

async function boot() {
  if (location.pathname.startsWith('/login')) return renderLogin();
  state.token = localStorage.getItem('jwt_token');
  if (!state.token) {
    history.replaceState({}, '', '/login');
    return renderLogin();
  }
  const health = await backend('/health/ready');
  if (!health.ok) return renderLogin('Unable to connect to backend API');
  await api(env.NEXT_PUBLIC_AUTH_URL, '/auth/config');
  const validation = await api(env.NEXT_PUBLIC_AUTH_URL, '/auth/validate-token-and-get-user', {
    method: 'POST',
    body: JSON.stringify({ token: state.token }),
  });
  if (!validation.ok || !validation.body?.valid) {
    localStorage.removeItem('jwt_token');
    history.replaceState({}, '', '/login');
    return renderLogin('Your session has expired. Please sign in again.');
  }
  await loadThreads();
  await Promise.all(
    ['/api/mcp/config', '/api/mcp/servers', '/api/mcp/tools', '/api/discovery/services'].map((p) =>
      backend(p),
    ),
  );
  try {
    await connect();
  } catch {
    return renderLogin('Unable to connect to the chat service.');
  }
  await wait(env.socketCheckMs);
  buildLayout();
  setInterval(() => sendFrame({ type: 'ping', timestamp: Date.now() }), 15000);
  setInterval(() => void refreshAccessToken(), 120000);
  window.addEventListener('pagehide', () =>
    sendFrame({ type: 'disconnect', payload: { connectionId: state.connectionId, reason: 'page_unload' } }),
  );
  // Like the real app: the route's thread, else the newest one, else an empty chat.
  const routeThread = /^\/chat\/([\w-]+)/.exec(location.pathname)?.[1];
  const initial = routeThread || state.threads[0]?.id;
  if (initial) await openThread(initial);
  else mountChat();
}

void boot();
