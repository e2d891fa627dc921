namespace StreamPortal.Hosting;

/// <summary>When a start task runs: stages run one after the other, so a task may rely on every earlier stage.</summary>
public enum StartupStage
{
    /// <summary>Creates or upgrades the database; nothing may read it before.</summary>
    Schema,

    /// <summary>Seeds rows and loads in-memory state from the (migrated) database.</summary>
    Data,
}
