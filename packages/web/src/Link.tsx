import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react';
import { navigate } from './router.ts';

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; replace?: boolean; ref?: Ref<HTMLAnchorElement> };

/** An `<a href>` that navigates inside the SPA (plain clicks only). */
export function Link({ to, replace, onClick, target, ...rest }: Props) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || target === '_blank' || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to, { replace: replace ?? false });
  }
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}
