import { fill } from '../format.ts';

/** A progress bar of numbered steps (the current one highlighted). */
export function Steps({ label, names, current, statusTemplate }: { label: string; names: readonly string[]; current: number; statusTemplate: string }) {
  return (
    <nav className="steps" aria-label={label}>
      <ol>
        {names.map((name, index) => (
          <li key={name} className={index < current ? 'step is-done' : index === current ? 'step is-current' : 'step'} aria-current={index === current ? 'step' : undefined}>
            <span className="step-number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="step-name">{name}</span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {fill(statusTemplate, { number: current + 1, total: names.length, name: names[current] ?? '' })}
      </p>
    </nav>
  );
}
