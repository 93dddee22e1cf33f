import type { ComponentProps } from 'react';
import { InputRow } from '../Field.tsx';

/** One labelled free-text input of the user center's forms (names, codes, numbers: no autocomplete, no spell check). */
export function TextField(props: ComponentProps<typeof InputRow>) {
  return <InputRow type="text" autoComplete="off" spellCheck={false} {...props} />;
}
