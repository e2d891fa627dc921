namespace StreamPortal.Data;

/// <summary>ConnectionStrings:Portal, the SQLite file (the same key GetConnectionString("Portal") reads).</summary>
public sealed class StorageOptions
{
    public const string Section = "ConnectionStrings";

    /// <summary>A relative file name is relative to the app's content root (see <see cref="StorageConnection"/>).</summary>
    public string Portal { get; set; } = "Data Source=streamportal.db";
}
