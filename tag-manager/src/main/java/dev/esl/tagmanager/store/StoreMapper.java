package dev.esl.tagmanager.store;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface StoreMapper {

    @Insert("INSERT INTO chain (id, name) VALUES (#{id}, #{name})")
    void insertChain(Chain chain);

    @Update("UPDATE chain SET name = #{name} WHERE id = #{id}")
    int updateChain(Chain chain);

    @Delete("DELETE FROM chain WHERE id = #{id}")
    int deleteChain(String id);

    @Select("SELECT COUNT(*) FROM store WHERE chain_id = #{chainId}")
    int countOfChain(String chainId);

    @Select("SELECT id, name FROM chain ORDER BY id")
    List<Chain> chains();

    @Select("SELECT id, name FROM chain WHERE id = #{id}")
    Optional<Chain> chain(String id);

    @Insert("INSERT INTO store (id, chain_id, name, currency) VALUES (#{id}, #{chainId}, #{name}, #{currency})")
    void insert(Store store);

    @Update("UPDATE store SET chain_id = #{chainId}, name = #{name}, currency = #{currency} WHERE id = #{id}")
    int update(Store store);

    @Delete("DELETE FROM store WHERE id = #{id}")
    int delete(String id);

    @Select("SELECT id, chain_id, name, currency FROM store ORDER BY id")
    List<Store> all();

    @Select("SELECT id, chain_id, name, currency FROM store WHERE chain_id = #{chainId} ORDER BY id")
    List<Store> ofChain(String chainId);

    @Select("SELECT id, chain_id, name, currency FROM store WHERE id = #{id}")
    Optional<Store> find(String id);
}
