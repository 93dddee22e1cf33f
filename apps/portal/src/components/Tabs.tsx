import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
  /** A mark beside the label (e.g. 推荐); part of the tab's name, so what is seen is what a voice user says. */
  badge?: string;
}

/**
 * WAI-ARIA tabs: roving tabindex, arrow keys / Home / End move and select.
 * The panel itself is rendered by the caller with `id={`${idPrefix}-panel`}`.
 */
export function Tabs<K extends string>({
  idPrefix,
  label,
  items,
  selected,
  onSelect,
  className,
}: {
  idPrefix: string;
  label: string;
  items: readonly TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
  className: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next: number | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (index + 1) % items.length;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next === null) return;
    event.preventDefault();
    const item = items[next];
    if (!item) return;
    onSelect(item.key);
    refs.current[next]?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className={className}>
      {items.map((item, index) => {
        const isSelected = item.key === selected;
        return (
          <button
            key={item.key}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${item.key}`}
            aria-selected={isSelected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={isSelected ? 0 : -1}
            className={isSelected ? 'tab is-selected' : 'tab'}
            onClick={() => onSelect(item.key)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {item.label}
            {item.badge && (
              <span className="badge">
                <span className="visually-hidden">（</span>
                {item.badge}
                <span className="visually-hidden">）</span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
