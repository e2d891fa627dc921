namespace StreamPortal.Ingest;

/// <summary>
/// The store-specific half of the group-commit writer (<see cref="BatchWriter"/> keeps the queue, the loop, the
/// one-by-one retry and the answers): writes one batch's events and projection changes in one transaction.
/// Used by the writer's loop only, one batch at a time.
/// </summary>
internal interface IBatchStore : IDisposable
{
    /// <summary>Writes the batch and commits; on return every item's event has its id. Throws if nothing was committed.</summary>
    /// <param name="now">Unix milliseconds, for ended streams and rule hits.</param>
    /// <param name="duplicates">Marks each event before its insert and remembers first copies after it; a duplicate
    /// is stored but moves no projection (<see cref="DuplicateMarking.Projects"/>).</param>
    BatchChanges Write(List<IngestItem> batch, long now, DuplicateMarking duplicates);

    /// <summary>
    /// A failure that is no hook's fault (a lock held elsewhere, the server out of reach) as the 503 the rest of the
    /// batch is answered with; null for any other failure (the batch is then retried one hook at a time).
    /// </summary>
    StoreUnavailableException? Unavailable(Exception ex);

    /// <summary>Pages written since the last call (SQLite's page cache statistic; 0 where the store has none).</summary>
    int TakePagesWritten();

    /// <summary>
    /// Batches written again the locked way since the last call because a row had changed under the store's copy
    /// (PostgreSQL's checked writes, see <see cref="PostgresBatchStore"/>; 0 where the store keeps no copies that can
    /// go stale).
    /// </summary>
    int TakeStaleChecks();

    /// <summary>
    /// The connection <see cref="WriterChores"/> run on (SQLite's writer connection, the one that may take the file's
    /// write lock without waiting for this writer); null where chores need no writer (PostgreSQL, whose deletes run on
    /// connections of their own beside the writer: rows, not the database, are locked).
    /// </summary>
    System.Data.Common.DbConnection? ChoreConnection { get; }
}
