import { isoNow } from '../clock';
import { defineFaults } from './hooks';

/**
 * Staging's frames in another form, and Netra's own beta-15 backend as its code would send them (read in
 * netra-systems/zen at beta-15; described here, not copied). Each is a drift the suite must judge: staging broke
 * what the user needs, staging broke a promise the app tolerates, or only the form changed and the suite's
 * schema is stale (tests/meta/drift-verdicts.spec.ts).
 */

/** The five events beta-15's welcome says the connection will deliver. */
const GOLDEN_PATH_EVENTS = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
];

/**
 * What beta-15's `emit_critical_event` sends when `send_to_user` raised (it always does: `UnifiedIDManager` is
 * used there but never imported at module level): a `connection_error` frame naming the event, instead of it.
 */
function undelivered(event: { type: string }): object {
  return {
    type: 'connection_error',
    data: {
      message: `Connection issue detected. Your ${event.type} update may be delayed.`,
      event_type: event.type,
      severity: 'warning',
      support_code: `CONN_ERR_${event.type}`,
    },
    timestamp: isoNow(),
    critical: true,
  };
}

export const DRIFT_FAULTS = defineFaults({
  // Not a fault: the suite's schema is this welcome, and it must pass (tests/meta/drift-verdicts.spec.ts).
  'seed-welcome': {
    description:
      'the welcome exactly as staging sent it on 2025-09-08 (seed report), only data.user_id naming this socket’s user',
    hooks: {
      welcome: (frame) => ({
        type: 'system_message',
        data: {
          event: 'connection_established',
          connection_id: 'ws_staging-_1757363217_63ec0531',
          user_id: frame.data.user_id,
          server_time: '2025-09-08T20:26:57.648399+00:00',
          connection_ready: true,
          environment: 'staging',
          startup_complete: true,
          config: { heartbeat_interval: 25, max_message_size: 8192 },
          factory_pattern_enabled: true,
        },
      }),
    },
  },
  // Not a fault either: an added field breaks nothing and is reported as a protocol note.
  'welcome-extra-fields': {
    description: 'the welcome carries fields the schema does not know (data.mode, data.features, server_id)',
    hooks: {
      welcome: (frame) => ({
        ...frame,
        server_id: 'standin-1',
        data: { ...frame.data, mode: 'main', features: { agent_orchestration: true } },
      }),
    },
  },
  'welcome-type-renamed': {
    description:
      'the welcome’s type is "connection_established" instead of "system_message" (data unchanged)',
    hooks: { welcome: (frame) => ({ ...frame, type: 'connection_established' }) },
  },
  'welcome-payload-envelope': {
    description: 'the welcome carries its fields in "payload" instead of "data"',
    hooks: { welcome: ({ data, ...envelope }) => ({ ...envelope, payload: data }) },
  },
  'welcome-float-server-time': {
    description: 'the welcome’s data.server_time is a Unix float instead of an ISO 8601 string',
    hooks: { welcome: (frame) => ({ ...frame, data: { ...frame.data, server_time: Date.now() / 1000 } }) },
  },
  'welcome-unparseable': {
    description: 'the first frame is cut short: not JSON at all',
    hooks: { welcome: (frame) => JSON.stringify(frame).slice(0, 60) },
  },
  'beta15-welcome': {
    description:
      'Netra beta-15’s welcome (routes/websocket_ssot.py, main mode, through create_server_message): type connection_established, data.user_id cut to 8 characters plus "...", no connection_ready, no config, a float timestamp',
    hooks: {
      welcome: (frame) => ({
        type: 'connection_established',
        data: {
          mode: 'main',
          user_id: `${frame.data.user_id.slice(0, 8)}...`,
          connection_id: frame.data.connection_id,
          golden_path_events: GOLDEN_PATH_EVENTS,
          features: {
            full_business_logic: true,
            golden_path_integration: true,
            cloud_run_optimized: true,
            emergency_fallback: true,
            agent_orchestration: true,
          },
          timestamp: isoNow(),
        },
        timestamp: Date.now() / 1000,
        server_id: null,
        correlation_id: null,
      }),
    },
  },
  'event-status-value': {
    description: 'agent_thinking says payload.status "reasoning" instead of "thinking"',
    hooks: {
      runFrames: ({ started, thinking1, thinking2, executing, completedTool, completed, report }) => [
        started,
        { ...thinking1, payload: { ...thinking1.payload, status: 'reasoning' } },
        executing,
        completedTool,
        { ...thinking2, payload: { ...thinking2.payload, status: 'reasoning' } },
        completed,
        report,
      ],
    },
  },
  'final-report-data': {
    description: 'final_report carries its answer in "data" instead of "payload"',
    hooks: {
      runFrames: ({ started, thinking1, executing, completedTool, thinking2, completed, report }) => {
        const { payload, ...envelope } = report;
        return [
          started,
          thinking1,
          executing,
          completedTool,
          thinking2,
          completed,
          { ...envelope, data: payload },
        ];
      },
    },
  },
  'beta15-connection-error': {
    description:
      'Netra beta-15’s run: send_to_user raises before it sends (UnifiedIDManager is never imported), so each agent event arrives as a connection_error frame naming it, and no final_report',
    hooks: {
      runFrames: ({ started, thinking1, executing, completedTool, thinking2, completed }) =>
        [started, thinking1, executing, completedTool, thinking2, completed].map(undelivered),
    },
  },
  'beta15-run': {
    description:
      'Netra beta-15’s run as its code sends it where delivery works: no final_report (no code path sends one), and agent_completed twice: the supervisor’s, then MessageHandlerBase.send_completion’s bare {"type":"agent_completed","payload":…}',
    hooks: {
      runFrames: ({ started, thinking1, executing, completedTool, thinking2, completed }) => [
        started,
        thinking1,
        executing,
        completedTool,
        thinking2,
        completed,
        { type: 'agent_completed', payload: completed.payload },
      ],
    },
  },
});
