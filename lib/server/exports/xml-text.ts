import "server-only";

// Text for XML documents (.docx, SVG): characters XML 1.0 cannot carry (control characters other than
// tab and line breaks, U+FFFE/U+FFFF, unpaired surrogates) are dropped — the forms store them, and one
// would make Word refuse the whole file.
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const xmlText = (s: string) => s.replace(NOT_IN_XML, "");
