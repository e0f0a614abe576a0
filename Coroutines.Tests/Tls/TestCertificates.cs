using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coroutines.Tests.Tls;

/// <summary>Certificates made in memory: a test CA, and leaf certificates it signs (valid, expired, another host).</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyAuthority = new(CreateAuthority);
    private static readonly Lazy<X509Certificate2> LazyLocalhost = new(() => CreateLeaf("localhost", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    private static readonly Lazy<X509Certificate2> LazyExpired = new(() => CreateLeaf("localhost", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1)));

    /// <summary>The test certificate authority (self-signed).</summary>
    public static X509Certificate2 Authority => LazyAuthority.Value;

    /// <summary>A valid certificate for <c>localhost</c> and 127.0.0.1, signed by <see cref="Authority"/>.</summary>
    public static X509Certificate2 Localhost => LazyLocalhost.Value;

    /// <summary>A certificate for <c>localhost</c> that expired yesterday.</summary>
    public static X509Certificate2 Expired => LazyExpired.Value;

    public static SslServerAuthenticationOptions Server(X509Certificate2? certificate = null) =>
        new() { ServerCertificate = certificate ?? Localhost };

    /// <summary>Client options that trust <see cref="Authority"/> (and nothing else) and check <paramref name="host"/>.</summary>
    public static SslClientAuthenticationOptions TrustingClient(string host = "localhost") => new()
    {
        TargetHost = host,
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { Authority },
            RevocationMode = X509RevocationMode.NoCheck,
        },
    };

    /// <summary>Client options with .NET's defaults: the system's trust store, which does not know the test CA.</summary>
    public static SslClientAuthenticationOptions DefaultClient(string host = "localhost") => new() { TargetHost = host };

    private static X509Certificate2 CreateAuthority()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Coroutines Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(60));
        return X509CertificateLoader.LoadPkcs12(authority.Export(X509ContentType.Pfx), null);
    }

    private static X509Certificate2 CreateLeaf(string host, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var signed = request.Create(Authority, notBefore, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }
}
