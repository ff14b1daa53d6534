namespace BackupKit.Resilience;

/// <summary>How an attempt's failure is treated by the retry strategy.</summary>
internal enum RetryKind
{
    /// <summary>Final: success, a client error, a quota error, or the caller cancelled.</summary>
    None,

    /// <summary>The service asked the caller to slow down (HTTP 400 <c>ThrottlingException</c> and friends, or HTTP 429).</summary>
    Throttling,

    /// <summary>A server fault (HTTP 500/502/503/504), a network failure, or an attempt that ran out of time.</summary>
    Transient,

    /// <summary>The signature was refused because the local clock is off; the client corrected its clock offset and re-signs at once, free of quota.</summary>
    ClockSkew,
}
