package dev.esl.tagmanager.user;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface UserMapper {
    String COLUMNS = "SELECT username, password_hash, role, store_id, display_name, enabled FROM app_user";

    @Select(COLUMNS + " WHERE username = #{username}")
    Optional<AppUser> find(String username);

    @Select(COLUMNS + " ORDER BY username")
    List<AppUser> all();

    @Select(COLUMNS + " WHERE store_id = #{storeId} ORDER BY username")
    List<AppUser> ofStore(String storeId);

    @Select("SELECT COUNT(*) FROM app_user")
    long count();

    @Insert("INSERT INTO app_user (username, password_hash, role, store_id, display_name, enabled)"
            + " VALUES (#{username}, #{passwordHash}, #{role}, #{storeId}, #{displayName}, #{enabled})")
    void insert(AppUser user);

    @Update("UPDATE app_user SET password_hash = #{passwordHash}, role = #{role}, store_id = #{storeId},"
            + " display_name = #{displayName}, enabled = #{enabled}, updated_at = CURRENT_TIMESTAMP(3)"
            + " WHERE username = #{username}")
    int update(AppUser user);

    @Delete("DELETE FROM app_user WHERE username = #{username}")
    int delete(String username);
}
