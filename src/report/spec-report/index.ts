/** The report of every spec (`spec-review report`): the model, and the page, Markdown and JSON made from it. */
export { buildReportModel, isoDay, type ModelOptions, type ReportModel, type ReportSpec, type ReportType } from './model.js';
export { formatReportHtml, HTML_REPORT_MARKER, pageGraph, type HtmlOptions } from './html.js';
export { connectedCore, formatReportMarkdown, MD_REPORT_MARKER, type MarkdownOptions } from './markdown.js';
export { layoutGraph, pageScript, type GraphLayout, type LayoutOptions, type PageGraph } from './page-script.js';
