import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  BLANK,
  numberLine,
  PARTY_HEADER,
  placeAndDate,
  STATE_HEADER,
  upper,
  type OfficialDocument,
  type Paragraph,
} from './official-document';

type Pdf = InstanceType<typeof PDFDocument>;
type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/**
 * The fonts embedded in every PDF: DejaVu Serif from the npm package dejavu-fonts-ttf (full Vietnamese glyphs,
 * read from node_modules, never fetched), read once. pdfkit embeds the glyphs used with their Unicode map, so the
 * text extracts as written.
 */
const FONT_FILES: Record<FontStyle, string> = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
};
let fonts: Record<FontStyle, Buffer> | undefined;
function fontData(): Record<FontStyle, Buffer> {
  if (!fonts) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = Object.fromEntries(
      Object.entries(FONT_FILES).map(([style, file]) => [style, readFileSync(join(dir, file))]),
    ) as Record<FontStyle, Buffer>;
  }
  return fonts;
}

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const SIZE = 12;

/** An official document as a PDF: the same layout as the .docx (render-docx.ts), A4 with the same margins. */
export function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const pdf: Pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    info: { Title: doc.meta.title, Subject: doc.meta.subject, Keywords: doc.meta.form, Creator: 'Partyflow' },
  });
  for (const [style, data] of Object.entries(fontData())) pdf.registerFont(style, data);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  header(pdf, doc, width);
  pdf.moveDown(1.5);
  line(pdf, doc.title, { style: 'bold', size: SIZE + 2, width });
  if (doc.subtitle) line(pdf, doc.subtitle, { style: 'bold', width });
  line(pdf, '-----', { width });
  pdf.moveDown(0.5);
  for (const block of doc.body) paragraph(pdf, block, width);
  pdf.moveDown(1);
  closing(pdf, doc, width);
  pdf.end();
  return done;
}

/** One centred line (it wraps within `width` if it must) at the current position or at `x`. */
function line(
  pdf: Pdf,
  text: string,
  {
    style = 'regular',
    size = SIZE,
    width,
    x = MARGINS.left,
  }: { style?: FontStyle; size?: number; width: number; x?: number },
  underline = false,
): void {
  pdf.font(style).fontSize(size).text(text, x, pdf.y, { width, align: 'center', underline });
}

/** Two columns side by side from the same top; the position ends below the taller one. */
function columns(
  pdf: Pdf,
  left: (x: number, w: number) => void,
  right: (x: number, w: number) => void,
  width: number,
  share: number,
): void {
  const top = pdf.y;
  const leftWidth = width * share;
  left(MARGINS.left, leftWidth);
  const leftBottom = pdf.y;
  pdf.y = top;
  right(MARGINS.left + leftWidth, width - leftWidth);
  pdf.y = Math.max(leftBottom, pdf.y);
  pdf.x = MARGINS.left;
}

function header(pdf: Pdf, doc: OfficialDocument, width: number): void {
  const { organisations, number, kind, date } = doc.header;
  columns(
    pdf,
    (x, w) => {
      organisations.forEach((name, i) =>
        line(pdf, upper(name), {
          style: i === organisations.length - 1 ? 'bold' : 'regular',
          size: SIZE - 1,
          width: w,
          x,
        }),
      );
      line(pdf, '*', { width: w, x });
      if (number) line(pdf, numberLine(number), { size: SIZE - 1, width: w, x });
    },
    (x, w) => {
      if (kind === 'party') line(pdf, PARTY_HEADER, { style: 'bold', width: w, x }, true);
      else {
        line(pdf, STATE_HEADER[0], { style: 'bold', size: SIZE - 1, width: w, x });
        line(pdf, STATE_HEADER[1], { style: 'bold', width: w, x }, true);
      }
      pdf.moveDown(0.6);
      line(pdf, placeAndDate(date), { style: 'italic', size: SIZE - 1, width: w, x });
    },
    width,
    0.45,
  );
}

function paragraph(pdf: Pdf, block: Paragraph, width: number): void {
  const align = block.align === 'center' ? 'center' : 'justify';
  const indent = block.indent === false || block.align === 'center' ? 0 : 10 * MM;
  pdf.x = MARGINS.left;
  // pdfkit drops the leading space of a continued run: a run's leading spaces go to the end of the one before.
  const runs = block.runs.map((run, i) => {
    const next = block.runs[i + 1]?.text ?? '';
    const lead = /^\s*/.exec(next)?.[0] ?? '';
    return { ...run, text: (i === 0 ? run.text : run.text.trimStart()) + lead };
  });
  runs.forEach((run, i) => {
    const style: FontStyle = run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';
    const last = i === runs.length - 1;
    pdf.font(style).fontSize(SIZE);
    if (i === 0) pdf.text(run.text, MARGINS.left, pdf.y, { width, align, indent, continued: !last });
    else pdf.text(run.text, { continued: !last });
  });
  pdf.moveDown(0.3);
}

function closing(pdf: Pdf, doc: OfficialDocument, width: number): void {
  const { recipients, signature } = doc;
  columns(
    pdf,
    (x, w) => {
      if (!recipients) return;
      pdf
        .font('boldItalic')
        .fontSize(SIZE - 1)
        .text('Nơi nhận:', x, pdf.y, { width: w });
      for (const r of recipients)
        pdf
          .font('regular')
          .fontSize(SIZE - 2)
          .text(r, x, pdf.y, { width: w });
    },
    (x, w) => {
      for (const l of signature.lines) line(pdf, l, { style: 'bold', width: w, x });
      line(pdf, '(Ký, ghi rõ họ tên)', { style: 'italic', size: SIZE - 1, width: w, x });
      pdf.moveDown(3);
      line(pdf, signature.name ?? BLANK, { style: 'bold', width: w, x });
    },
    width,
    0.5,
  );
}
