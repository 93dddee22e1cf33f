/** The big round marks of an outcome: a green check (done), an amber exclamation (cannot go on). */
export function SuccessIcon() {
  return (
    <svg className="success-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill="#1f9d55" />
      <path d="m14 24.5 7 7 13-14" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg className="outcome-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill="#f0a020" />
      <path d="M24 13v14M24 33.5v.5" stroke="#fff" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
