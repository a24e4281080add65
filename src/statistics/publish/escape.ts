/** Text and attribute escaping for the page and the SVG (both are HTML here). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
