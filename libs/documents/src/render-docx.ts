import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip as mm,
  type ITableCellBorders,
} from 'docx';
import {
  BLANK,
  numberLine,
  PARTY_HEADER,
  placeAndDate,
  STATE_HEADER,
  upper,
  type OfficialDocument,
  type Paragraph as Block,
} from './official-document';

/**
 * An official document as a Word file (.docx): A4, margins 20/20/30/15 mm, Times New Roman 14 pt, the header in a
 * borderless two-column table, as HD 36-HD/VPTW lays Party papers out [A: the layout's measures]. Word supplies the
 * font (a .docx embeds none).
 */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'Partyflow',
    title: doc.meta.title,
    subject: doc.meta.subject,
    description: doc.meta.form,
    styles: { default: { document: { run: { font: FONT, size: SIZE }, paragraph: { spacing: { after: 80 } } } } },
    sections: [
      {
        properties: {
          page: {
            // A4 in twentieths of a point (Word's own figures).
            size: { width: 11906, height: 16838 },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        children: [
          header(doc),
          spacer(),
          centered(doc.title, { bold: true, size: SIZE + 2 }),
          ...(doc.subtitle ? [centered(doc.subtitle, { bold: true })] : []),
          centered('-----'),
          ...doc.body.map(paragraph),
          spacer(),
          closing(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

const FONT = 'Times New Roman';
/** Half-points: 14 pt. */
const SIZE = 28;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };

type RunOptions = { bold?: boolean; italics?: boolean; underline?: boolean; size?: number };

function centered(text: string, options: RunOptions = {}): Paragraph {
  const { underline, ...rest } = options;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 0 },
    children: [new TextRun({ text, ...rest, ...(underline ? { underline: {} } : {}) })],
  });
}

const spacer = () => new Paragraph({ children: [] });

function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const width = mm(165);
  const cell = (children: Paragraph[], share: number) =>
    new TableCell({ children, borders: NO_BORDERS, width: { size: Math.round(width * share), type: WidthType.DXA } });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [Math.round(width * leftShare), Math.round(width * (1 - leftShare))],
    borders: { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE },
    rows: [new TableRow({ children: [cell(left, leftShare), cell(right, 1 - leftShare)] })],
  });
}

/** Left: the issuing body under its superior, '*', the number; right: the Party header or the national motto. */
function header(doc: OfficialDocument): Table {
  const { organisations, number, kind, date } = doc.header;
  const left = [
    ...organisations.map((name, i) => centered(upper(name), { bold: i === organisations.length - 1, size: 26 })),
    centered('*'),
    ...(number ? [centered(numberLine(number), { size: 26 })] : []),
  ];
  const motto =
    kind === 'party'
      ? [centered(PARTY_HEADER, { bold: true, underline: true })]
      : [
          centered(STATE_HEADER[0], { bold: true, size: 26 }),
          centered(STATE_HEADER[1], { bold: true, underline: true }),
        ];
  const right = [...motto, spacer(), centered(placeAndDate(date), { italics: true })];
  return twoColumns(left, right, 0.45);
}

function paragraph(block: Block): Paragraph {
  return new Paragraph({
    alignment: block.align === 'center' ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: block.indent === false || block.align === 'center' ? undefined : { firstLine: mm(10) },
    spacing: { before: 60, after: 60 },
    children: block.runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic })),
  });
}

/** Left: 'Nơi nhận:' and its lines; right: the signature block and the signer's name (or a dotted blank). */
function closing(doc: OfficialDocument): Table {
  const left = doc.recipients
    ? [
        new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: 24 })] }),
        ...doc.recipients.map(
          (line) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, size: 22 })] }),
        ),
      ]
    : [spacer()];
  const right = [
    ...doc.signature.lines.map((line) => centered(line, { bold: true })),
    centered('(Ký, ghi rõ họ tên)', { italics: true, size: 24 }),
    spacer(),
    spacer(),
    centered(doc.signature.name ?? BLANK, { bold: true }),
  ];
  return twoColumns(left, right, 0.5);
}
