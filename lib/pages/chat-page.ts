import { test, type Locator, type Page } from '@playwright/test';
import type { TargetConfig } from '../setup/config';

/**
 * The chat as a user sees it, by the real frontend's `data-testid`s and roles only. Methods return locators
 * or perform one user action; the test owns every assertion.
 */
export class ChatPage {
  readonly mainChat: Locator;
  readonly sidebar: Locator;
  readonly threadList: Locator;
  readonly newChatButton: Locator;
  readonly messageInput: Locator;
  readonly sendButton: Locator;
  readonly processing: Locator;
  readonly responseCard: Locator;
  /** Shown above 8,000 of the input's 10,000 characters. */
  readonly characterCount: Locator;
  /** The control that stops a run: the real app's StopButton is a button reading "Stop Processing". */
  readonly stopControl: Locator;

  constructor(
    readonly page: Page,
    private readonly target: TargetConfig,
  ) {
    this.mainChat = page.getByTestId('main-chat');
    this.sidebar = page.getByTestId('chat-sidebar');
    this.threadList = page.getByTestId('thread-list');
    this.newChatButton = page.getByTestId('new-chat-button');
    this.messageInput = page.getByTestId('message-textarea');
    this.sendButton = page.getByTestId('send-button');
    this.processing = page.getByTestId('agent-processing');
    this.responseCard = page.getByTestId('response-card');
    this.characterCount = page.getByTestId('character-count');
    this.stopControl = page.getByRole('button', { name: /^Stop\b/ });
  }

  /**
   * Text in the conversation (the real app has no message-list hook), outside the sidebar, whose thread
   * titles may repeat a first message.
   */
  message(text: string): Locator {
    return this.mainChat
      .getByText(text, { exact: false })
      .and(this.page.locator(':not([data-testid="chat-sidebar"] *)'));
  }

  threadItem(threadId: string): Locator {
    return this.page.getByTestId(`thread-item-${threadId}`);
  }

  async open(path = '/chat'): Promise<void> {
    await test.step(`open ${path}`, async () => {
      await this.page.goto(new URL(path, this.target.frontendUrl).toString());
    });
  }

  async clickNewChat(): Promise<void> {
    await test.step('click New Chat', async () => {
      await this.newChatButton.click();
    });
  }

  async clickStop(): Promise<void> {
    await test.step('click Stop', async () => {
      await this.stopControl.click();
    });
  }

  async send(text: string): Promise<void> {
    await test.step(`type and send "${text}"`, async () => {
      await this.messageInput.fill(text);
      await this.sendButton.click();
    });
  }
}
