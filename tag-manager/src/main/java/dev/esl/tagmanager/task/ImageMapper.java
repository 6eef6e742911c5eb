package dev.esl.tagmanager.task;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ImageMapper {

    /** Images are immutable and named by their content: storing one twice is a no-op. */
    @Insert("INSERT IGNORE INTO image (hash, width, height, colors, data)"
            + " VALUES (#{hash}, #{width}, #{height}, #{colors}, #{data})")
    void insert(StoredImage image);

    /** Several images in one statement; those already stored are left as they are. */
    @Insert("<script>INSERT IGNORE INTO image (hash, width, height, colors, data) VALUES <foreach item='i'"
            + " collection='images' separator=','>(#{i.hash}, #{i.width}, #{i.height}, #{i.colors}, #{i.data})</foreach>"
            + "</script>")
    void insertAll(@Param("images") java.util.List<StoredImage> images);

    @Select("<script>SELECT hash, width, height, colors, data FROM image WHERE hash IN"
            + " <foreach item='h' collection='hashes' open='(' separator=',' close=')'>#{h}</foreach></script>")
    java.util.List<StoredImage> findAll(@Param("hashes") java.util.Collection<String> hashes);
}
