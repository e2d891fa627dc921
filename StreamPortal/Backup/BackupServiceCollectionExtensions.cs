using StreamPortal.Hosting;

namespace StreamPortal.Backup;

public static class BackupServiceCollectionExtensions
{
    /// <summary>Online backups of the database into StreamPortal:Backup:Folder.</summary>
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddValidatedOptions<BackupOptions, ValidateBackupOptions>(BackupOptions.Section);
        services.AddSingleton<DatabaseBackups>();
        return services;
    }
}
