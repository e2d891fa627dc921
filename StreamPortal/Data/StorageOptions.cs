namespace StreamPortal.Data;

/// <summary>
/// ConnectionStrings:Portal (the same key GetConnectionString("Portal") reads) and StreamPortal:Storage:Provider,
/// the store that connection string is for.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "ConnectionStrings";

    /// <summary>The configuration key of <see cref="Provider"/> (outside <see cref="Section"/>, so bound on its own).</summary>
    public const string ProviderKey = "StreamPortal:Storage:Provider";

    /// <summary>
    /// SQLite: a relative file name is relative to the app's content root (see <see cref="StorageConnection"/>).
    /// PostgreSQL: an Npgsql connection string; the database is created at start if it does not exist.
    /// </summary>
    public string Portal { get; set; } = "Data Source=streamportal.db";

    /// <summary>
    /// "Sqlite" (default) or "Postgres", in any case. Kept as text until validated, so that a misspelt provider stops
    /// the start with a message naming the key and the allowed values rather than a binder exception.
    /// </summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>The provider <see cref="Provider"/> names; the validator has refused any other text before this is read.</summary>
    public StorageProvider Store => ParseProvider(Provider) ??
        throw new InvalidOperationException($"{ProviderKey} '{Provider}' is not one of {string.Join(", ", Enum.GetNames<StorageProvider>())}.");

    /// <returns>The provider whose name the text is (any case, surrounding blanks ignored), or null.</returns>
    public static StorageProvider? ParseProvider(string? text)
    {
        // By name only: Enum.TryParse would also take numbers and comma-separated lists.
        foreach (var provider in Enum.GetValues<StorageProvider>())
            if (string.Equals(provider.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase)) return provider;
        return null;
    }
}
