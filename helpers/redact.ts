import { base64UrlOfToken } from './tokens';

const JWT_PATTERN = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/g;
const SUBPROTOCOL_TOKEN = /\bjwt\.[\w-]{16,}/g;
/** base64url of a JWT without its `jwt.` prefix: base64 of `eyJ` is `ZXlK`. */
const BASE64URL_JWT = /ZXlK[\w-]{40,}/g;
const BEARER = /(Bearer\s+)[\w.~+/=-]{8,}/gi;
const TICKET_PARAM = /([?&]ticket=)[^&\s"']+/g;

/**
 * Removes credentials from any text headed for a log, report, attachment or trace: every known secret
 * and its base64url form, plus anything shaped like a JWT, a token subprotocol, a bearer header or a ticket.
 */
export class Redactor {
  private readonly literals: string[];

  constructor(secrets: readonly (string | undefined)[] = []) {
    const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
    this.literals = [...new Set([...known, ...known.map(base64UrlOfToken)])].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** The exact strings an artifact must never contain (used by the leak scan). */
  get forbidden(): readonly string[] {
    return this.literals;
  }

  with(...secrets: (string | undefined)[]): Redactor {
    return new Redactor([...this.literals, ...secrets]);
  }

  text(input: string): string {
    let out = input;
    for (const literal of this.literals) out = out.split(literal).join('[redacted]');
    return out
      .replace(JWT_PATTERN, '[redacted-jwt]')
      .replace(SUBPROTOCOL_TOKEN, 'jwt.[redacted]')
      .replace(BASE64URL_JWT, '[redacted-jwt-base64url]')
      .replace(BEARER, '$1[redacted]')
      .replace(TICKET_PARAM, '$1[redacted]');
  }
}
