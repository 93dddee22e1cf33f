import { useEffect, useRef } from 'react';

/** `ref` of the element that takes focus when it appears: an outcome's heading or its main action. */
export function useFocusOnShow<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
