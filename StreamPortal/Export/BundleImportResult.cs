namespace StreamPortal.Export;

/// <summary>What an import stored: the new id of every event of the bundle, in the bundle's order.</summary>
public sealed record BundleImportResult(string BundleId, BundleScope Scope, int Imported, IReadOnlyList<ImportedEventId> Ids);

/// <param name="Original">The event's id in the exporting portal (the bundle's numbering).</param>
/// <param name="Imported">Its id here.</param>
public sealed record ImportedEventId(long Original, long Imported);
