namespace StreamPortal.Ingest;

/// <summary>
/// One indexed column's value as the database has it, kept with a cached row so that a write can tell whether an
/// index entry has to move (see <see cref="RowShape{TRow}.Choose"/>). A struct in an array made once per cached row,
/// so that remembering and comparing the values allocates nothing per hook.
/// </summary>
/// <param name="Text">The value of a text column.</param>
/// <param name="Integer">The value of an integer or boolean (0/1) column.</param>
internal readonly record struct IndexedValue(string? Text, long? Integer);
