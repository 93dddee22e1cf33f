import type { ReactNode } from 'react';

/** A titled list of name–value facts. */
export function FactGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3>{title}</h3>
      <dl className="facts">{children}</dl>
    </div>
  );
}

/** One fact; `good` colours a state (ok / not ok). */
export function Fact({ name, value, good }: { name: string; value: string; good?: boolean }) {
  return (
    <>
      <dt>{name}</dt>
      <dd className={good === undefined ? undefined : good ? 'status-good' : 'status-bad'}>{value}</dd>
    </>
  );
}
