// Formula (CSV) injection: a text cell that starts with = + - @ or a tab/CR could be read as a
// formula by Excel/WPS. Exports prefix such text with an apostrophe; imports remove exactly that
// prefix again, so a round trip gives back the original text.
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

export function unneutralise(text: string): string {
  return text.startsWith("'") && DANGEROUS.test(text.slice(1)) ? text.slice(1) : text;
}
