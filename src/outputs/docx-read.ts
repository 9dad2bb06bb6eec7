// The text of a .docx (for checking a report already written): one line per paragraph, table cells
// separated by tabs. Runs in Node and in the browser.
import JSZip from 'jszip';

export class DocxReadError extends Error {}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** Paragraph texts of word/document.xml, in order. */
export function documentXmlText(xml: string): string {
  const lines: string[] = [];
  for (const para of xml.split(/<\/w:p>/)) {
    let line = '';
    for (const m of para.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<\/w:tc>/g)) {
      if (m[1] !== undefined) line += decode(m[1]);
      else if (m[0] === '<w:br/>') line += '\n';
      else line += '\t';
    }
    if (line.trim()) lines.push(line.replace(/\t+$/, ''));
  }
  return lines.join('\n');
}

export async function docxText(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  const head = new Uint8Array(bytes instanceof ArrayBuffer ? bytes.slice(0, 4) : bytes.subarray(0, 4));
  if (head[0] === 0xd0 && head[1] === 0xcf) throw new DocxReadError('这是旧版 .doc 或受密码保护的文件，请在 Word 中另存为 .docx 后再试');
  if (!(head[0] === 0x50 && head[1] === 0x4b)) throw new DocxReadError('这不是有效的 .docx 文件');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new DocxReadError('文件已损坏，无法读取');
  }
  const doc = zip.file('word/document.xml');
  if (!doc) throw new DocxReadError('这不是 Word 文档（缺少 word/document.xml）');
  return documentXmlText(await doc.async('string'));
}
