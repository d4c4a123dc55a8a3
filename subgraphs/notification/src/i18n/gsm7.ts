/**
 * SMS text in the GSM 03.38 alphabet. One character outside it (an arrow, a typographic apostrophe, the narrow
 * space `Intl` puts into amounts, a French ô) makes the whole text UCS-2: 70 characters a part instead of 160, two
 * to three times the price of every text. What the alphabet lacks is written with what it has: punctuation by its
 * plain form, letters without their accent.
 */

/** The basic character set: one septet each. */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: two septets each (escape, then the character). */
const EXTENSION = '^{}\\[~]|€\f';
const GSM = new Set([...BASIC, ...EXTENSION]);

/** Characters the alphabet lacks, written with ones it has. */
const PLAIN: Record<string, string> = {
  '→': '-',
  '←': '-',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '‘': "'",
  '’': "'",
  ʼ: "'",
  '‚': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '…': '...',
  '•': '-',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\t': ' ',
};

export function isGsm7(text: string): boolean {
  return [...text].every((char) => GSM.has(char));
}

/**
 * `text` in the GSM 03.38 alphabet (see above); `text` as it is when a character has no counterpart there (a name in
 * Cyrillic or Ge'ez, an emoji): a UCS-2 text costs more parts, a text of question marks tells nothing.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text) {
    if (GSM.has(char)) out += char;
    else if (PLAIN[char] !== undefined) out += PLAIN[char];
    else {
      // A letter with an accent the alphabet lacks: the letter alone (ô → o, ç → c, Ê → E).
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length === 0 || ![...base].every((c) => GSM.has(c))) return text;
      out += base;
    }
  }
  return out;
}

/** Septets `text` takes (extension characters count two): how providers count a GSM-7 text's length. */
export function gsm7Length(text: string): number {
  return [...text].reduce((n, char) => n + (EXTENSION.includes(char) ? 2 : 1), 0);
}

/** SMS parts a GSM-7 text is sent (and billed) as: 160 septets alone, 153 a part when split. */
export function smsParts(text: string): number {
  const length = gsm7Length(text);
  return length <= 160 ? 1 : Math.ceil(length / 153);
}
