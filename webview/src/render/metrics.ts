/** Every size in the picture, in px: layout, boxes and draw read them from here. */
export const METRICS = {
  margin: 24,
  headerH: 84,
  nodeGap: 14,
  dummyGap: 6,
  dummyH: 6,
  minColumnGap: 72,
  labelPad: 12,
  /** Line left visible before a label, so a hop's colour and dash still show. */
  labelLead: 36,
  padX: 12,
  stripe: 4,
  padY: 8,
  captionSize: 10,
  captionLine: 14,
  labelSize: 12,
  labelLine: 17,
  detailSize: 11,
  detailLine: 14,
  minNodeW: 140,
  maxLabelCells: 44,
  maxDetailCells: 48,
  edgeLabelSize: 11,
  edgeLabelLine: 14,
  edgeLabelPadX: 6,
  edgeLabelPadY: 4,
  edgeLabelGap: 4,
  bracket: 28,
  /** Most lines a node label wraps to (the tooltip and accessible name carry the rest). */
  maxLabelLines: 4,
  /** Top to bottom: the header is only the title lines, and row titles sit left of the rows. */
  tbHeaderH: 56,
  rowTitleW: 96,
} as const;

