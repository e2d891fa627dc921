namespace StreamPortal.Data;

/// <summary>
/// SQLite's synchronous setting for the writer's connection (StreamPortal:Ingest:Synchronous, bound from "NORMAL"
/// or "FULL" in any case). Under WAL, Normal keeps every commit across a process crash; Full also across power loss.
/// The pragma text is made from it in one place: <see cref="SqlitePragmas.Synchronous"/>.
/// </summary>
public enum SynchronousMode
{
    Normal,
    Full,
}
