/**
 * Checks of text people type that other services pass on: addresses that mail is sent to, and names that go into
 * texts and e-mails under the platform's name.
 */
import { AppError, ErrorCode } from './errors';

/** The characters of an e-mail address's local part besides dots (the HTML standard's, RFC 5322's atext). */
const ATEXT = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+";
/**
 * An e-mail address as a browser's `<input type="email">` accepts it (the HTML standard's definition): a local part
 * of letters, digits and `.!#$%&'*+/=?^_\`{|}~-`, and a domain of dot-separated labels. Display names (`Ann <a@b.c>`),
 * comments, quotes and lists are refused: a mail library would deliver `0<a@b.c>` and `1<a@b.c>` to one mailbox
 * that the platform counted as two. Stricter than the browser, as mail servers are (RFC 5321): the local part is at
 * most 64 characters, and a dot stands between other characters only (`aline..uwase@`, `.aline@` are refused by the
 * server, so every e-mail to them failed).
 */
const EMAIL_ADDRESS = new RegExp(
  `^${ATEXT}(?:\\.${ATEXT})*@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$`,
);

export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  return at > 0 && at <= 64 && EMAIL_ADDRESS.test(value);
}

/**
 * Control and formatting characters: line breaks, tabs, zero-width spaces and direction-changing characters (the
 * zero-width joiner and non-joiner, which some scripts and emoji need, are letters' business and allowed).
 */
const INVISIBLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/u;
/**
 * Text a phone or mail program shows as a link: a scheme, www., or a name under a common or East African top-level
 * domain or a link shortener's (bit.do, t.co, goo.gl). Not every dotted word: `St.Mary` is a name.
 */
const LINK =
  /:\/\/|\bwww\.|\b[a-z0-9-]+\.(?:com|net|org|io|info|biz|xyz|top|link|click|app|site|online|me|ly|co|rw|ke|tz|ug|bi|cd|africa|do|gl|gd)(?:\/|\b)/i;

/**
 * Why `value` cannot be a name that texts and e-mails carry (a station, a company, a route, a bus model), or
 * undefined when it can: a line break would let it write a message of its own under the platform's name, a link
 * would send a passenger elsewhere from it.
 */
export function nameProblem(value: string): string | undefined {
  if (INVISIBLE.test(value)) return 'must be one line of visible characters';
  if (LINK.test(value)) return 'must not be a link or web address';
  return undefined;
}

/**
 * Characters that render as nothing: Default_Ignorable_Code_Point, which takes in letters such as the Hangul fillers
 * (U+115F, U+1160, U+3164, U+FFA0), except the zero-width joiner and non-joiner.
 */
const IGNORABLE = /(?!\u200c|\u200d)\p{Default_Ignorable_Code_Point}/u;
/**
 * The text or emoji presentation selector (U+FE0E, U+FE0F) right after an emoji: a phone keyboard adds U+FE0F to ❤️
 * and ✈️. Anywhere else a variation selector is drawn as nothing, so it is refused with the other invisible ones.
 */
const EMOJI_PRESENTATION = /(\p{Extended_Pictographic})\p{Variation_Selector}/gu;
/** A letter that renders. */
const VISIBLE_LETTER = /(?!\p{Default_Ignorable_Code_Point})\p{L}/u;

/**
 * Why `value` cannot be a person's name (an account's, a passenger's printed on a ticket), or undefined when it can:
 * it must be one line of visible characters (a NUL byte failed in the database; an invisible or terminal-escape name
 * reached tickets and texts) with at least one letter.
 */
export function personNameProblem(value: string): string | undefined {
  const drawn = value.replace(EMOJI_PRESENTATION, (_, emoji: string, selector: string) =>
    selector === '\ufe0e' || selector === '\ufe0f' ? emoji : `${emoji}${selector}`,
  );
  if (INVISIBLE.test(value) || IGNORABLE.test(drawn)) return 'must be one line of visible characters';
  if (!VISIBLE_LETTER.test(value)) return 'must have at least one letter';
  return undefined;
}

/**
 * Whether `value` has a control character (C0, DEL, C1): Postgres text cannot store a NUL byte, and none of them
 * belongs in a key, a label or a search.
 */
export function hasControlCharacter(value: string): boolean {
  return /\p{Cc}/u.test(value);
}

/**
 * A client's idempotency key (a retry after a lost answer sends the same one), trimmed; null when none was sent.
 * BAD_USER_INPUT (field idempotencyKey) unless 1 to 200 characters without a control character (a NUL would fail the
 * statement that looks it up).
 */
export function idempotencyKeyOf(key: string): string;
export function idempotencyKeyOf(key: string | null | undefined): string | null;
export function idempotencyKeyOf(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 200)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'idempotencyKey must be 1 to 200 characters', {
      field: 'idempotencyKey',
    });
  if (hasControlCharacter(trimmed))
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'idempotencyKey must not contain control characters', {
      field: 'idempotencyKey',
    });
  return trimmed;
}

/**
 * Whether free text (a reason an admin gives) has a control character other than a line break or a tab: it may run
 * over lines, but a NUL cannot be stored and terminal escapes do not belong in what other people read.
 */
export function hasControlCharacterInText(value: string): boolean {
  return /(?![\n\r\t])\p{Cc}/u.test(value);
}

/**
 * What a mail or phone program may show as a link, or a reader take for an address or a number to call, in a name
 * anyone can choose (as `asRead` writes it): LINK, a dotted name with a two-letter ending or longer under any top-level
 * domain (`rb.gy`, `pay.cc`), a slash, an @, or six digits of any script (spaces, dots and dashes between).
 */
const LINK_LIKE = /[\p{L}\p{N}-]\.\p{L}{2,}|[/\\@]|(?:\p{Nd}[\s.-]*){6}/u;

/**
 * A name as a reader (or a URL parser) takes it: compatibility forms folded (full-width digits, letters, dots, slashes
 * and at signs: NFKC), every dot a browser reads as one (the ideographic and halfwidth full stops, the one-dot leader)
 * and every dash or minus written as `.` and `-`.
 */
const asRead = (value: string) =>
  value
    .normalize('NFKC')
    .replace(/[\u3002\uff61\u2024\ufe52]/g, '.')
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-');

/**
 * Whether a person's name (anyone registers one, with anyone's e-mail address) may read as a link, an address or a
 * number to call: wider than nameProblem's LINK, for a greeting that can do without the name (`St.Mary` included).
 */
export function looksLikeLink(value: string): boolean {
  const read = asRead(value);
  return LINK.test(read) || LINK_LIKE.test(read);
}

/**
 * `phone` (E.164: + and digits) without a trunk 0 written after a three-digit African country code, as people write
 * their national number after the code (+250 0788… is +250788…): one number, one spelling, so that the texts it is
 * sent and the limits counting them agree (notification's `mailbox` SQL function drops the same 0).
 */
export function withoutTrunkZero(phone: string): string {
  return phone.replace(/^\+(2[1-69]\d)0/, '+$1');
}

/**
 * E.164 codes that are no country's, where a text costs its sender dearly or pays whoever receives it: the +80x codes
 * (universal freephone and shared cost), the +87x codes (Inmarsat and reserved ones), satellite and international
 * networks and the spare +88x codes (all but Bangladesh's +880 and Taiwan's +886), the International Premium Rate
 * Service (+979), and +990, +991 (a trial service), +997, +999 (the +99x codes countries use, +992-+998, stay).
 */
const NON_GEOGRAPHIC = /^\+(?:80\d|87\d|88[1-57-9]|979|99[0179])/;

/**
 * Why `phone` (E.164: + and digits) cannot be a number the platform texts (an account's, a walk-in passenger's), or
 * undefined when it can: texts it causes for free (reminders, codes) would otherwise be pumped to premium numbers.
 */
export function phoneNumberProblem(phone: string): string | undefined {
  return NON_GEOGRAPHIC.test(phone)
    ? "must be a country's phone number, not a premium-rate, satellite or international network one"
    : undefined;
}
