/** Sets the browser tab title, so screen-reader users hear where a navigation landed. */
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Ketapath`;
  }, [title]);
}
