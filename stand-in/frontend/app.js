// Stand-in of the Netra Apex chat frontend: keeps the real app's DOM hooks (data-testid), token contract
// (localStorage jwt_token + refresh_token), start-up calls and send sequence, so the suite drives both alike.
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
  user: null,
  threads: [],
  threadId: null,
  socket: null,
  running: false,
  runId: null,
  fault: null,
  sending: false,
};
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(base, path, options = {}) {
  const headers = { 'content-type': 'application/json', ...(options.headers || {}) };
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  const response = await fetch(`${base}${path}`, { ...options, headers, credentials: 'include' });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  return { status: response.status, ok: response.ok, body };
}

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

// ---- chat UI -------------------------------------------------------------------------------------------
const ui = {};

function buildChat() {
  ui.threadList = el('div', { 'data-testid': 'thread-list' });
  ui.newChat = el('button', {
    'data-testid': 'new-chat-button',
    type: 'button',
    text: 'New Chat',
    onclick: () => startNewChat(),
  });
  ui.search = el('input', {
    'data-testid': 'search-input',
    type: 'text',
    placeholder: 'Search conversations...',
  });
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
  ui.processing.hidden = true;
  ui.card = el('section', { 'data-testid': 'response-card', role: 'region', 'aria-label': 'response card' });
  ui.card.hidden = true;
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
  ui.count.hidden = true;
  ui.send = el('button', {
    'data-testid': 'send-button',
    type: 'button',
    'aria-label': 'Send message',
    text: 'Send',
    onclick: () => void send(),
  });
  // Stand-in only: the real frontend has no stop control we know of (see e2e/p1/experience.spec.ts).
  ui.stop = el('button', {
    'data-testid': 'stop-button',
    type: 'button',
    'aria-label': 'Stop agent',
    text: 'Stop',
    onclick: () => stopRun(),
  });
  ui.stop.hidden = true;
  ui.alert = el('div', { role: 'alert' });
  const sidebar = el(
    'aside',
    { 'data-testid': 'chat-sidebar', role: 'complementary' },
    ui.newChat,
    ui.search,
    ui.threadList,
  );
  const content = el(
    'div',
    { 'data-testid': 'main-content' },
    ui.examples,
    ui.messages,
    ui.card,
    ui.processing,
    ui.alert,
    el('div', { 'data-testid': 'message-input' }, ui.textarea, ui.count, ui.send, ui.stop),
  );
  root.replaceChildren(el('div', { 'data-testid': 'main-chat' }, sidebar, content));
  renderThreads();
  updateInput();
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
  const length = ui.textarea.value.length;
  ui.count.hidden = length <= COUNT_FROM;
  ui.count.textContent = `${length}/${MAX_CHARS}`;
  const busy = state.running || state.sending;
  ui.textarea.disabled = busy;
  ui.textarea.placeholder = busy
    ? 'Agent is thinking...'
    : 'Start typing your AI optimization request... (Shift+Enter for new line)';
  ui.send.disabled = busy || length === 0 || length > MAX_CHARS;
  ui.send.textContent = state.sending ? 'Sending...' : 'Send';
  ui.newChat.disabled = busy;
  ui.examples.hidden = ui.messages.childElementCount > 0;
}

function addMessage(role, text) {
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
  if (!running) state.runId = null;
  // Fault `hidden-status`: the page never says that the agent is working.
  ui.processing.hidden = !running || state.fault === 'hidden-status';
  ui.stop.hidden = !running;
  updateInput();
}

function toolLine(name) {
  let line = ui.card.querySelector(`[data-tool="${CSS.escape(name)}"]`);
  if (!line) {
    line = el('p', { 'data-tool': name });
    ui.card.append(line);
  }
  return line;
}

function onAgentEvent(frame) {
  const payload = frame.payload || {};
  switch (frame.type) {
    case 'agent_started':
      state.runId = frame.run_id;
      setRunning(true);
      ui.card.hidden = false;
      ui.card.replaceChildren(el('h3', { text: `Running ${frame.agent_name}` }));
      addMessage('assistant', `🚀 Starting ${frame.agent_name}...`);
      break;
    case 'agent_thinking':
      addMessage('assistant', `🤔 ${frame.agent_name}: ${payload.reasoning}`);
      break;
    case 'tool_executing':
      toolLine(payload.tool_name).textContent = `🔧 ${payload.tool_name}: running`;
      break;
    case 'tool_completed':
      toolLine(payload.tool_name).textContent =
        `✅ ${payload.tool_name}: done in ${payload.execution_time_ms} ms`;
      break;
    case 'agent_completed':
      addMessage(
        'assistant',
        `✅ ${frame.agent_name} completed in ${(payload.execution_time_ms / 1000).toFixed(1)}s`,
      );
      break;
    case 'final_report':
      addMessage('assistant', payload.executive_summary);
      setRunning(false);
      break;
    case 'agent_error':
      addMessage('assistant', `❌ ${payload.error_message}`);
      setRunning(false);
      break;
    case 'error':
      ui.alert.textContent = `Error: ${frame.message}`;
      // A refused chat (rate limit, busy) never starts a run: give the input back.
      if (!state.runId) setRunning(false);
      break;
    default:
      break;
  }
}

// ---- threads and sending -------------------------------------------------------------------------------
async function loadThreads() {
  const result = await api(env.NEXT_PUBLIC_API_URL, '/api/threads?limit=20&offset=0');
  state.threads = Array.isArray(result.body) ? result.body : [];
}

async function openThread(id) {
  state.threadId = id;
  history.pushState({}, '', `/chat/${id}`);
  ui.messages.replaceChildren();
  const result = await api(env.NEXT_PUBLIC_API_URL, `/api/threads/${id}/messages?limit=50&offset=0`);
  for (const message of result.body?.messages || []) addMessage(message.role, message.content);
  sendFrame({ type: 'switch_thread', payload: { thread_id: id } });
  updateInput();
}

function startNewChat() {
  state.threadId = null;
  history.pushState({}, '', '/chat');
  ui.messages.replaceChildren();
  ui.card.hidden = true;
  updateInput();
}

function stopRun() {
  const payload = {};
  if (state.runId) payload.run_id = state.runId;
  if (state.threadId) payload.thread_id = state.threadId;
  sendFrame({ type: 'stop_agent', payload });
}

/** The stand-in fault named in the token (`standin_fault`), read without verifying, for frontend faults. */
function tokenFault(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(window.atob(part)).standin_fault || null;
  } catch {
    return null;
  }
}

function sendFrame(frame) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
}

async function send() {
  const text = ui.textarea.value.trim();
  if (!text || state.running || state.sending) return;
  state.sending = true;
  updateInput();
  if (!state.threadId) {
    // Fault `chat-before-thread`: the chat frame leaves before the thread exists.
    if (state.fault === 'chat-before-thread') {
      sendFrame({
        type: 'start_agent',
        payload: { user_request: text, thread_id: null, context: { source: 'message_input' }, settings: {} },
      });
    }
    const created = await api(env.NEXT_PUBLIC_API_URL, '/api/threads', {
      method: 'POST',
      body: JSON.stringify({ title: text.length > 50 ? `${text.slice(0, 50)}...` : text }),
    });
    if (!created.ok) {
      ui.alert.textContent = 'Unable to connect to backend API';
      state.sending = false;
      updateInput();
      return;
    }
    state.threadId = created.body.id;
    await api(env.NEXT_PUBLIC_API_URL, `/api/threads/${state.threadId}`);
    await api(env.NEXT_PUBLIC_API_URL, `/api/threads/${state.threadId}`, {
      method: 'PUT',
      body: JSON.stringify({ title: created.body.title }),
    });
    history.pushState({}, '', `/chat/${state.threadId}`);
    await loadThreads();
    renderThreads();
    await wait(env.remountMs);
  }
  addMessage('user', text);
  ui.textarea.value = '';
  sendFrame({
    type: 'start_agent',
    payload: {
      user_request: text,
      thread_id: state.threadId,
      context: { source: 'message_input' },
      settings: {},
    },
  });
  state.sending = false;
  setRunning(true);
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
    if (frame && typeof frame.type === 'string') onAgentEvent(frame);
  });
  socket.addEventListener('close', (event) => {
    if (state.socket !== socket) return;
    if (event.code === 1008) {
      localStorage.removeItem('jwt_token');
      renderLogin('Your session is not valid. Please sign in again.');
      return;
    }
    setRunning(false);
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
  state.fault = state.token ? tokenFault(state.token) : null;
  if (!state.token) {
    history.replaceState({}, '', '/login');
    return renderLogin();
  }
  const health = await api(env.NEXT_PUBLIC_API_URL, '/health/ready');
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
  state.user = validation.body.user;
  await loadThreads();
  await Promise.all(
    ['/api/mcp/config', '/api/mcp/servers', '/api/mcp/tools', '/api/discovery/services'].map((p) =>
      api(env.NEXT_PUBLIC_API_URL, p),
    ),
  );
  try {
    await connect();
  } catch {
    return renderLogin('Unable to connect to the chat service.');
  }
  await wait(env.socketCheckMs);
  buildChat();
  setInterval(() => sendFrame({ type: 'ping', timestamp: Date.now() }), 15000);
  setInterval(() => void refreshAccessToken(), 120000);
  const routeThread = /^\/chat\/([\w-]+)/.exec(location.pathname)?.[1];
  const initial = routeThread || state.threads[0]?.id;
  if (initial) await openThread(initial);
}

void boot();
