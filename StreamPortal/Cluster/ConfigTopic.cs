namespace StreamPortal.Cluster;

/// <summary>
/// What an instance changed in the shared configuration, as told to the other instances: a closed list, so that a
/// message names which in-memory snapshot to read again from the database and can carry nothing else. A name that is
/// not here (sent by a newer build) is ignored by <see cref="ConfigChange.TryParse"/>; the periodic reload covers it.
/// </summary>
public enum ConfigTopic
{
    /// <summary>Rules or connect policies: the engine's snapshot.</summary>
    Rules,

    /// <summary>An operator zeroed a rule's hit counter (<see cref="ConfigChange.Subject"/>: the rule id).</summary>
    RuleCountersReset,

    /// <summary>The pass-through switch.</summary>
    PassThrough,

    /// <summary>API keys created or revoked: the key cache.</summary>
    ApiKeys,

    /// <summary>A user created, deleted or given another role (<see cref="ConfigChange.Subject"/>: the user name).</summary>
    Users,

    /// <summary>An admin set a user's password, which lifts its lockouts (<see cref="ConfigChange.Subject"/>: the user name).</summary>
    UserPasswordSet,

    /// <summary>Repeated wrong passwords locked a user name for a client address (Subject: user, Client: address).</summary>
    UserLockedOut,

    /// <summary>The WCS timings of the Settings page (answer timeout, duplicate window).</summary>
    WcsTimings,

    /// <summary>The anomaly thresholds of the Settings page.</summary>
    AnomalySettings,
}
