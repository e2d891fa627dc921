namespace StreamPortal.Ingest;

/// <summary>
/// One PostgreSQL batch's stream or session rows as the projection sees them, whichever way the batch is written
/// (<see cref="CheckedRows{TRow}"/> from the writer's copies, <see cref="LockedRows{TRow}"/> locked and read).
/// </summary>
internal interface IBatchRows<TRow>
{
    TRow Row(string key);

    /// <summary>Whether the row is new to the database and not yet projected into (a hook's first on it).</summary>
    bool TakeIsNew(string key);
}
