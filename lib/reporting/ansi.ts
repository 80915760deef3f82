/** An ANSI colour sequence, as Playwright writes into its error messages. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The text without its ANSI colour sequences. */
export const stripAnsi = (text: string): string => text.replace(ANSI, '');
