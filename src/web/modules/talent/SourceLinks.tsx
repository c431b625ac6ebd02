/** A scheme's sources as links named by their host, each after a space (the draft page and the call page). */
export const SourceLinks = ({ urls }: { urls: readonly string[] }) => (
  <>
    {urls.map((u) => (
      <span key={u}>
        {' '}
        <a href={u} target="_blank" rel="noreferrer noopener">
          {new URL(u).hostname}
        </a>
      </span>
    ))}
  </>
);
