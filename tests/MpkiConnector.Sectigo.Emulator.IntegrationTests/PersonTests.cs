using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class PersonTests
{
    [Fact]
    public async Task Person_CreateGetUpdateById_RoundTrips()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var create = await client.PostAsJsonAsync("api/person/v1", new
        {
            firstName = "Ben", lastName = "Example", email = "ben@example.com", organizationId = 1001, validationType = "STANDARD",
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var location = create.Headers.Location!;
        Assert.Contains("/api/person/v1/", location.AbsolutePath, StringComparison.Ordinal);
        var id = long.Parse(location.Segments[^1]);

        using var byEmail = JsonDocument.Parse(await client.GetStringAsync("api/person/v1/id/byEmail/ben%40example.com"));
        Assert.Equal(id, byEmail.RootElement.GetProperty("personId").GetInt64());

        using var list = await client.GetAsync("api/person/v1?email=ben%40example.com");
        Assert.Equal("1", list.Headers.GetValues("X-Total-Count").Single());

        using var update = await client.PutAsJsonAsync($"api/person/v1/{id}", new { validationType = "HIGH" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        using var person = JsonDocument.Parse(await client.GetStringAsync($"api/person/v1/{id}"));
        Assert.Equal("HIGH", person.RootElement.GetProperty("validationType").GetString());
        Assert.Equal("Ben", person.RootElement.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Person_MissingName_Minus500_UnknownIdMinus105()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var create = await client.PostAsJsonAsync("api/person/v1", new { email = "x@example.com", organizationId = 1001 });
        Assert.Equal(-500, (await ScmCalls.ErrorAsync(create)).Code);
        using var missing = await client.GetAsync("api/person/v1/424242");
        Assert.Equal(-105, (await ScmCalls.ErrorAsync(missing)).Code);
    }

    [Fact]
    public async Task Enroll_UnknownPerson_CreatesPersonRecord()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        await ScmCalls.EnrollOkAsync(client, "cleo@example.com");
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/person/v1?email=cleo%40example.com"));
        var person = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("STANDARD", person.GetProperty("validationType").GetString());
    }
}
