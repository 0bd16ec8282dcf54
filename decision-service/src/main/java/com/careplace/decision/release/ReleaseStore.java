package com.careplace.decision.release;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Releases and the deployment history, in the database. Releases are only ever inserted. */
@Repository
class ReleaseStore {

    private static final String RELEASE_COLUMNS = "r.id, r.version, r.checksum, r.created_at, r.created_by";
    private static final RowMapper<Release> RELEASE = (rs, i) -> new Release(rs.getString("id"), rs.getString("version"),
            rs.getString("checksum"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));

    private static final String DEPLOYMENTS = "select d.id as deployment_id, d.deployed_at, d.deployed_by, " + RELEASE_COLUMNS
            + " from deployment d join release r on r.id = d.release_id";
    private static final RowMapper<Deployment> DEPLOYMENT = (rs, i) -> new Deployment(rs.getLong("deployment_id"),
            RELEASE.mapRow(rs, i), rs.getTimestamp("deployed_at").toInstant(), rs.getString("deployed_by"));

    private final JdbcTemplate jdbc;

    ReleaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void insert(Release release, byte[] kjar, String signature) {
        jdbc.update("insert into release (id, version, kjar, checksum, created_at, created_by, signature) values (?, ?, ?, ?, ?, ?, ?)",
                release.id(), release.version(), kjar, release.checksum(), Timestamp.from(release.createdAt()), release.createdBy(),
                signature);
    }

    /** A release's bytes with the signature stored beside them. */
    record Stored(byte[] kjar, String signature) {
    }

    public Optional<Release> findByVersion(String version) {
        return jdbc.query("select " + RELEASE_COLUMNS + " from release r where r.version = ?", RELEASE, version)
                .stream().findFirst();
    }

    public Stored kjar(String releaseId) {
        return jdbc.queryForObject("select kjar, signature from release where id = ?",
                (rs, i) -> new Stored(rs.getBytes("kjar"), rs.getString("signature")), releaseId);
    }

    /** The signature stored with a deployment. */
    public String signatureOf(Deployment deployment) {
        return jdbc.queryForObject("select signature from deployment where id = ?", String.class, deployment.id());
    }

    public List<Release> releases() {
        return jdbc.query("select " + RELEASE_COLUMNS + " from release r order by r.created_at, r.version", RELEASE);
    }

    /** Records a deployment, signed by {@code signer} over what was stored (its id included). */
    @Transactional
    public Deployment recordDeployment(Release release, String deployedBy, Instant at, Function<Deployment, String> signer) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(
                    "insert into deployment (release_id, deployed_at, deployed_by) values (?, ?, ?)", new String[]{"id"});
            insert.setString(1, release.id());
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, deployedBy);
            return insert;
        }, key);
        // This deployment, by its key, not merely the newest: another node may have deployed in between.
        Deployment deployment = jdbc.query(DEPLOYMENTS + " where d.id = ?", DEPLOYMENT, key.getKey().longValue()).getFirst();
        jdbc.update("update deployment set signature = ? where id = ?", signer.apply(deployment), deployment.id());
        return deployment;
    }

    /** The newest deployment, which names the active release. */
    public Optional<Deployment> activeDeployment() {
        return jdbc.query(DEPLOYMENTS + " order by d.id desc limit 1", DEPLOYMENT).stream().findFirst();
    }

    public List<Deployment> deployments() {
        return jdbc.query(DEPLOYMENTS + " order by d.id", DEPLOYMENT);
    }
}
