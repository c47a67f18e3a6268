import { strFromU8, unzipSync } from 'fflate';

/** Every text of a workbook's first sheet, in order, read from the XLSX package itself. */
export function sheetTexts(workbook: Buffer): string[] {
  const files = unzipSync(new Uint8Array(workbook));
  const xml = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const texts = (document: string) =>
    [...document.matchAll(/<(?:t|v)(?: [^>]*)?>([^<]*)<\/(?:t|v)>/g)].map((match) => decode(match[1] ?? ''));
  const shared = texts(xml('xl/sharedStrings.xml'));
  const sheet = xml('xl/worksheets/sheet1.xml');
  return [...sheet.matchAll(/<c ([^>]*)>(.*?)<\/c>/g)].map((cell) => {
    const [value] = texts(cell[2] ?? '');
    return /\bt="s"/.test(cell[1] ?? '') ? (shared[Number(value)] ?? '') : (value ?? '');
  });
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
