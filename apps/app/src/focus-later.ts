/** Focus an element by id once React has rendered it (an error or field that this render shows). */
export function focusLater(id: string): void {
  window.setTimeout(() => document.getElementById(id)?.focus(), 0);
}
