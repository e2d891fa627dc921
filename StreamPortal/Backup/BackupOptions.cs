namespace StreamPortal.Backup;

/// <summary>StreamPortal:Backup configuration.</summary>
public sealed class BackupOptions
{
    public const string Section = "StreamPortal:Backup";

    /// <summary>Where backups are written; a relative folder is taken next to the database file.</summary>
    public string Folder { get; set; } = "backups";
}
