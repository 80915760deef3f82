import { base64UrlOfToken } from './tokens';

const JWT_PATTERN = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/g;
const SUBPROTOCOL_TOKEN = /\bjwt\.[\w-]{16,}/g;
/**
 * base64 or base64url of a JWT, wherever it starts: `ZXlKaGJH` / `ZXlKMGVY` encode `eyJhbG` / `eyJ0eX`, the
 * start of a header `{"alg"…` / `{"typ"…`. Specific enough never to match inside other base64 (an inlined
 * picture in a trace snapshot).
 */
const ENCODED_JWT = /ZXlK(?:aGJH|MGVY)[\w+/-]{30,}={0,2}/g;
const BEARER = /(Bearer\s+)[\w.~+/=-]{8,}/gi;
/** A ticket id (URL-safe); a placeholder such as `?ticket=<id>` in a title is not one. */
const TICKET_PARAM = /([?&]ticket=)[\w.~%+-]+/g;
/** Runs of base64 or base64url long enough to hide a credential: decoded and checked (see `encodedRuns`). */
const BASE64_RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
/** Longer runs are file contents (an inlined zip, a picture): the leak scan decodes those, not the redactor. */
const MAX_DECODED_RUN = 16 * 1024;

/** The forms of one secret that can end up in text: raw, base64, base64url and percent-encoded. */
export function secretForms(secret: string): string[] {
  const padded = Buffer.from(secret, 'utf8').toString('base64');
  const base64 = padded.replace(/=+$/, '');
  return [
    ...new Set([
      secret,
      base64UrlOfToken(secret),
      padded,
      base64,
      encodeURIComponent(secret),
      encodeURIComponent(padded),
    ]),
  ];
}

/**
 * Removes credentials from any text headed for a log, report, attachment or trace: every known secret in raw,
 * base64, base64url and percent-encoded form, plus anything shaped like a JWT, a token subprotocol, a bearer
 * header or a ticket, and any base64 run that decodes to one of those.
 */
export class Redactor {
  private readonly literals: string[];

  constructor(secrets: readonly (string | undefined)[] = []) {
    const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
    this.literals = [...new Set(known.flatMap(secretForms))]
      .filter((literal) => literal.length >= 8)
      .sort((a, b) => b.length - a.length);
  }

  /** The exact strings an artifact must never contain (used by the leak scan). */
  get forbidden(): readonly string[] {
    return this.literals;
  }

  with(...secrets: (string | undefined)[]): Redactor {
    return new Redactor([...this.literals, ...secrets]);
  }

  /** True when the text holds a known secret or anything shaped like a credential. */
  holdsCredential(input: string): boolean {
    return this.plain(input) !== input;
  }

  text(input: string): string {
    return this.encodedRuns(this.plain(input));
  }

  private plain(input: string): string {
    let out = input;
    for (const literal of this.literals)
      if (out.includes(literal)) out = out.split(literal).join('[redacted]');
    return out
      .replace(JWT_PATTERN, '[redacted-jwt]')
      .replace(SUBPROTOCOL_TOKEN, 'jwt.[redacted]')
      .replace(ENCODED_JWT, '[redacted-jwt-base64]')
      .replace(BEARER, '$1[redacted]')
      .replace(TICKET_PARAM, '$1[redacted]');
  }

  /** A base64 run (e.g. an attachment body or a header value) whose decoding holds a credential goes whole. */
  private encodedRuns(input: string): string {
    return input.replace(BASE64_RUN, (run) => {
      if (run.length > MAX_DECODED_RUN) return run;
      const decoded = Buffer.from(run, 'base64').toString('latin1');
      return this.holdsCredential(decoded) ? '[redacted-base64]' : run;
    });
  }
}
