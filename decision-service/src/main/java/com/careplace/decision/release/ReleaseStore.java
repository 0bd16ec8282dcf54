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
    public void insert(Release release, byte[] kjar) {
        jdbc.update("insert into release (id, version, kjar, checksum, created_at, created_by) values (?, ?, ?, ?, ?, ?)",
                release.id(), release.version(), kjar, release.checksum(), Timestamp.from(release.createdAt()), release.createdBy());
    }

    public Optional<Release> findByVersion(String version) {
        return jdbc.query("select " + RELEASE_COLUMNS + " from release r where r.version = ?", RELEASE, version)
                .stream().findFirst();
    }

    public byte[] kjar(String releaseId) {
        return jdbc.queryForObject("select kjar from release where id = ?", byte[].class, releaseId);
    }

    public List<Release> releases() {
        return jdbc.query("select " + RELEASE_COLUMNS + " from release r order by r.created_at, r.version", RELEASE);
    }

    @Transactional
    public Deployment recordDeployment(Release release, String deployedBy, Instant at) {
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
        return jdbc.query(DEPLOYMENTS + " where d.id = ?", DEPLOYMENT, key.getKey().longValue()).getFirst();
    }

    /** The newest deployment, which names the active release. */
    public Optional<Deployment> activeDeployment() {
        return jdbc.query(DEPLOYMENTS + " order by d.id desc limit 1", DEPLOYMENT).stream().findFirst();
    }

    public List<Deployment> deployments() {
        return jdbc.query(DEPLOYMENTS + " order by d.id", DEPLOYMENT);
    }
}
