import DOMPurify from '/vendor/purify.js';
import { Marked } from '/vendor/marked.js';

/**
 * Markdown as the page shows it: GitHub-flavoured (code fences, tables, lists), single line
 * breaks kept as a chat writer means them. Raw HTML in an answer is shown as text, not
 * rendered: a model quoting `<script>` is talking about it. DOMPurify then removes anything
 * active that could still get through (event handlers, `javascript:` links, scripts).
 */
const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
  },
});

/**
 * The answer's Markdown as safe HTML.
 *
 * @param {string} text The answer so far (a half-written answer renders as far as it goes).
 * @returns {string} HTML with no script, handler or dangerous URL in it.
 * @example
 * renderMarkdown('Use `ls`.'); // '<p>Use <code>ls</code>.</p>\n'
 */
export function renderMarkdown(text) {
  return DOMPurify.sanitize(markdown.parse(text, { async: false }));
}

function escapeHtml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
