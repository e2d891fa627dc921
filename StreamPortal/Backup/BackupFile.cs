namespace StreamPortal.Backup;

/// <summary>One backup file: its name in the backup folder, size and when it was made.</summary>
public sealed record BackupFile(string FileName, long SizeBytes, DateTimeOffset CreatedAt);
