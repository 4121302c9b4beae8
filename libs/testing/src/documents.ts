import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import JSZip from 'jszip';

/**
 * Reading generated documents back (issue 14 §7). A .docx is unzipped and its word/document.xml read: one line
 * per paragraph, entities decoded. A PDF's text is extracted by pdf.js (the npm package pdf-parse) in a child
 * Node process: pdf.js loads its worker with a dynamic import, which Jest's module system does not run.
 */
export async function docxText(buffer: Buffer): Promise<{ text: string; xml: string; core: string; styles: string }> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const [xml, core, styles] = await Promise.all([
    read('word/document.xml'),
    read('docProps/core.xml'),
    read('word/styles.xml'),
  ]);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const text = paragraphs
    .map((para) => [...para.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join(''))
    .join('\n');
  return { text, xml, core, styles };
}

const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const result = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
});`;

/** The text of a PDF as pdf.js extracts it, its page markers dropped and whitespace (line wraps) folded. */
export function pdfText(buffer: Buffer): Promise<{ text: string; pages: number }> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      ['-e', EXTRACT],
      { cwd: resolve(__dirname, '../../..'), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return fail(new Error(`pdf text extraction failed: ${stderr || error.message}`));
        const { text, pages } = JSON.parse(stdout) as { text: string; pages: number };
        done({
          text: text
            .replace(/-- \d+ of \d+ --/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
          pages,
        });
      },
    );
    child.stdin?.end(buffer);
  });
}
