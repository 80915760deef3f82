import type { TargetConfig } from '../setup/config';
import type { FrameLog } from '../recorder/frame-log';
import type { ContractClient } from '../clients/rest-contract';
import type { ChatPage } from './chat-page';

/** One signed-in user's chat in one page, and that user's backend API: what every journey needs. */
export interface Journey {
  chatPage: ChatPage;
  frames: FrameLog;
  userId: string;
  target: TargetConfig;
  api: ContractClient;
}
