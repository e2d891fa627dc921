using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Backup;

public sealed class ValidateBackupOptions : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var failures = new OptionsFailures();
        var key = $"{BackupOptions.Section}:{nameof(BackupOptions.Folder)}";
        if (string.IsNullOrWhiteSpace(options.Folder)) failures.Add($"{key} must name a folder.");
        else if (options.Folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0) failures.Add($"{key} contains characters a path cannot hold.");
        return failures.Result();
    }
}
