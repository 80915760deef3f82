import type { TargetConfig } from './config';
import type { FrameLog } from './frame-log';
import type { ContractClient } from './rest-contract';
import type { ChatPage } from '../fixtures/chat-page';

/** One signed-in user's chat in one page, and that user's backend API: what every journey needs. */
export interface Journey {
  chatPage: ChatPage;
  frames: FrameLog;
  userId: string;
  target: TargetConfig;
  api: ContractClient;
}
