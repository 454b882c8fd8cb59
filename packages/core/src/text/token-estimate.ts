/**
 * Estimates the token count of text without a tokenizer. BPE tokenizers pack prose at roughly four
 * characters a token, but text with little whitespace (minified code, base64, hashes) at fewer,
 * and each non-ASCII character (CJK especially) costs about a token. The factor is chosen from the
 * whitespace ratio of the text, and non-ASCII characters are counted apart.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  let whitespace = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) whitespace++;
    else if (c > 127) {
      // A surrogate pair is one character.
      if (c >= 0xd800 && c <= 0xdbff) i++;
      nonAscii++;
    }
  }
  const ascii = text.length - nonAscii;
  const factor = charsPerToken(whitespace / Math.max(1, ascii));
  return Math.ceil((ascii - whitespace * 0.5) / factor + nonAscii);
}

/** Characters per token for ASCII text with the given share of whitespace. */
export function charsPerToken(whitespaceRatio: number): number {
  if (whitespaceRatio < 0.04) return 2.4; // base64, hashes, minified code
  if (whitespaceRatio < 0.1) return 3.0; // dense code
  if (whitespaceRatio < 0.22) return 3.6; // prose and ordinary code
  return 3.9; // indentation-heavy code, tables
}
