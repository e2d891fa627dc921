namespace StreamPortal.Data;

/// <summary>
/// The database the portal stores everything in (StreamPortal:Storage:Provider, any case). SQLite is the embedded
/// default for one machine; PostgreSQL lets several portal instances share one database (see docs/postgresql.md).
/// </summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
