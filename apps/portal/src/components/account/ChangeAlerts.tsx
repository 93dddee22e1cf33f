/** The outcome of the last change in a user-center section: a success notice and/or an error. */
export function ChangeAlerts({ notice, error = null }: { notice: string | null; error?: string | null }) {
  return (
    <>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
